import os

from django.core.wsgi import get_wsgi_application

from ct05.env import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
application = get_wsgi_application()
require_secret_key()  # with DEBUG off, no server starts without a real SECRET_KEY (issue 12)
