"""TOTP two-factor sign-in for province roles, supervisors and superusers (issue 12, item 4), with django-otp.

Who needs it is decided once, at sign-in (`needs_two_factor`), and kept in the session; until the session is
verified with a code from the person's authenticator app, `AccountMiddleware` sends every page to the
two-factor page. The first time, that page enrols the app (a QR code and the key written out). A lost phone:
an administrator deletes the person's device under "TOTP devices" in the admin; the next sign-in enrols anew.
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from ct05.access.models import Role, RoleAssignment

# Roles whose holders see or change a whole province, or supervise: a stolen password must not be enough.
SUPERVISING_ROLES = {Role.PROVINCE_ADMIN, Role.SUPERVISOR, Role.MISSION_MEMBER}
DEVICE_NAME = "CT05"


def needs_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    today = dt.date.today()
    valid = Q(valid_from__lte=today) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    province_level = Q(organization__parent__isnull=True) & ~Q(role=Role.MEMBER)
    return RoleAssignment.objects.filter(valid, Q(role__in=SUPERVISING_ROLES) | province_level, user=user).exists()


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user: AbstractBaseUser) -> TOTPDevice:
    """The unconfirmed device being enrolled: the same key across reloads of the page, until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=DEVICE_NAME).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(data: str) -> str:
    """An inline SVG QR code (segno, no image files, nothing from the network)."""
    import segno

    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=4, xmldecl=False, svgns=True)
    return out.getvalue().decode()


def key_for_humans(device: TOTPDevice) -> str:
    """The base32 key in groups of four, for typing into an app that cannot scan."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
