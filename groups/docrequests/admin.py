# django.contrib.admin is not installed: records change only through the services (services.py).
