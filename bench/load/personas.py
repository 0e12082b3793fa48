"""The people of the load runs, added to a seeded province (`ct05 seed province`) and reset before each run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct05_load_bench .venv/bin/python -m bench.load.personas \
        --cells 120 --out /tmp/ct05-personas.json

- one province administrator (`bench-admin`, the whole province) and a few supervisors (`bench-sup-N`);
- for `--cells` cells: the cell's secretary (`bench-sec-<cell id>`, linked to a member of the cell) and every
  active member of the cell (`bench-m-<member id>`, linked to their member record);
- this year's registrations of those cells are set to the state of the registration peak: most are drafts
  (members type and submit them), some submitted (secretaries accept them), some self-assessed (secretaries
  rate them). Run again before each load run: the previous run submitted and accepted them.

Every account has the same password (hashed once); TWO_FACTOR_REQUIRED must be off on the server under load
(a TOTP code per virtual user would measure the test harness, not the application). Bench data only: the
registrations' states are set by UPDATE, without audit.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import django

PASSWORD = "bench-load-2026"  # a scratch database's; never a real site's


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=120, help="cells whose secretaries and members sign in")
    ap.add_argument("--supervisors", type=int, default=4)
    ap.add_argument("--out", default="/tmp/ct05-personas.json", help="the accounts, for the locust file")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
    os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())
    django.setup()
    out = prepare(cells=args.cells, supervisors=args.supervisors)
    Path(args.out).write_text(json.dumps(out, indent=1))
    print(
        f"{len(out['members'])} members, {len(out['secretaries'])} secretaries, "
        f"{len(out['supervisors'])} supervisors, admin; drafts {out['drafts']}, submitted {out['submitted']}, "
        f"self-assessed {out['self_assessed']} → {args.out}"
    )


def prepare(*, cells: int, supervisors: int) -> dict[str, object]:
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db import transaction

    from ct05.access.models import Role, RoleAssignment
    from ct05.core import clock
    from ct05.cycle.models import Registration
    from ct05.orgs.models import Member, Organization

    year = clock.today().year
    root = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        raise SystemExit("no organization: run `ct05 seed province` first")
    hashed = make_password(PASSWORD)
    # Cells with a good number of active members, spread over the province (every k-th by path).
    candidates = list(
        Organization.objects.filter(kind__is_cell=True, path__startswith=root.path)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    step = max(1, len(candidates) // max(cells, 1))
    chosen = candidates[::step][:cells]

    def account(username: str) -> User:
        user, _ = User.objects.get_or_create(username=username, defaults={"password": hashed})
        if user.password != hashed:
            user.password = hashed
            user.save(update_fields=["password"])
        return user

    def role(user: User, role: str, org_id: int, recursive: bool = True) -> None:
        RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            organization_id=org_id,
            defaults={"recursive": recursive, "valid_from": dt.date(2000, 1, 1)},
        )

    out: dict[str, object] = {"password": PASSWORD, "year": year}
    with transaction.atomic():
        role(account("bench-admin"), Role.PROVINCE_ADMIN, root.pk)
        sups = [f"bench-sup-{i}" for i in range(1, supervisors + 1)]
        for name in sups:
            role(account(name), Role.SUPERVISOR, root.pk)
        secretaries: list[dict[str, object]] = []
        members: list[dict[str, object]] = []
        existing = set(User.objects.filter(username__startswith="bench-m-").values_list("username", flat=True))
        new_users = []
        for cell_id in chosen:
            people = list(
                Member.objects.filter(cell_id=cell_id, status=Member.Status.ACTIVE)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if not people:
                continue
            sec = account(f"bench-sec-{cell_id}")
            role(sec, Role.CELL_SECRETARY, cell_id)
            secretaries.append({"username": sec.username, "cell": cell_id})
            for pk in people[1:]:  # the first member is the secretary's own record
                name = f"bench-m-{pk}"
                if name not in existing:
                    new_users.append(User(username=name, password=hashed))
                members.append({"username": name, "member": pk, "cell": cell_id})
            Member.objects.filter(pk=people[0]).update(user=sec)
        User.objects.bulk_create(new_users, batch_size=2000)
        ids = dict(User.objects.filter(username__startswith="bench-m-").values_list("username", "pk"))
        for m in members:
            Member.objects.filter(pk=m["member"]).update(user_id=ids[str(m["username"])])
        # The peak's states: of each cell's registrations, 1 in 5 submitted, 1 in 10 self-assessed, the rest drafts.
        regs = Registration.objects.filter(year=year, organization_id__in=chosen, member__isnull=False).order_by("pk")
        drafts, submitted, assessed = [], [], []
        for i, pk in enumerate(regs.values_list("pk", flat=True)):
            (submitted if i % 5 == 0 else assessed if i % 10 == 1 else drafts).append(pk)
        blank = {"submitted_at": None, "reviewed_at": None, "cell_review_on": None, "rating": None}
        Registration.objects.filter(pk__in=drafts).update(status="draft", **blank)
        Registration.objects.filter(pk__in=submitted).update(status="submitted", **blank)
        Registration.objects.filter(pk__in=assessed).update(status="self_assessed", rating=None)
        with_draft = set(Registration.objects.filter(pk__in=drafts).values_list("member_id", flat=True))
    out.update(
        admin="bench-admin",
        supervisors=sups,
        secretaries=secretaries,
        members=[m for m in members if m["member"] in with_draft],
        root=root.pk,
        drafts=len(drafts),
        submitted=len(submitted),
        self_assessed=len(assessed),
    )
    return out


if __name__ == "__main__":
    main()
