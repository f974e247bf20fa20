import os
import time

from django.conf import settings
from django.http import HttpResponse, JsonResponse

# Upper bound for /slow, so a mistyped request cannot hold a worker thread for long.
MAX_SLOW_SECONDS = 5.0


def index(request):
    collected = (settings.STATIC_ROOT / "pages" / "site.css").is_file()
    return HttpResponse(f"django: hello, static files collected: {collected}\n")


def slow(request):
    """Sleep, then return the worker's pid.

    Concurrent calls keep threads busy, so gthread workers start all of their threads.
    """
    seconds = min(float(request.GET.get("seconds", "1")), MAX_SLOW_SECONDS)
    time.sleep(seconds)
    return JsonResponse({"pid": os.getpid()})
