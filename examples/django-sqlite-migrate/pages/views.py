import os
import time

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse, JsonResponse

# Upper bound for /slow, so a mistyped request cannot hold a worker thread for long.
MAX_SLOW_SECONDS = 5.0


def index(request):
    # The query fails unless `manage.py migrate` created the table, so GET / returns
    # 500 when the migration did not run.
    applied = MigrationRecorder(connection).migration_qs.filter(app="contenttypes")
    migrated = applied.exists()
    return HttpResponse(
        f"django-sqlite-migrate: hello, migrations applied: {migrated}\n"
    )


def slow(request):
    """Sleep, then return the worker's pid.

    Concurrent calls keep threads busy, so gthread workers start all of their threads.
    """
    seconds = min(float(request.GET.get("seconds", "1")), MAX_SLOW_SECONDS)
    time.sleep(seconds)
    return JsonResponse({"pid": os.getpid()})
