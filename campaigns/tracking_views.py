"""Public endpoints reached from inside an email: no login, signed tokens."""

import base64

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import tracking

PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
@never_cache
def open_pixel(request, token):
    # Answer the image even for a bad token: a broken image helps no one.
    tracking.record_open(token, tracking.Visit(request))
    return HttpResponse(PIXEL_GIF, content_type="image/gif")


@require_GET
@never_cache
def click(request, token, index=None):
    url = tracking.click_target(token, tracking.Visit(request), index)
    if url is None:
        return render(request, "campaigns/bad_link.html", status=404)
    return HttpResponseRedirect(url)


@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token):
    message = tracking.unsubscribe_message(token)
    if message is False:
        return render(request, "campaigns/bad_link.html", status=404)

    context = {"message": message, "token": token}
    if request.method == "POST" and message is not None:
        tracking.unsubscribe(message, tracking.Visit(request))
    if request.method == "POST":
        return render(request, "campaigns/unsubscribed.html", context)
    return render(request, "campaigns/unsubscribe.html", context)


@csrf_exempt
@require_POST
def one_click(request, token):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click."""
    message = tracking.unsubscribe_message(token)
    if message is False or request.POST.get("List-Unsubscribe") != "One-Click":
        raise Http404
    if message is not None:
        tracking.unsubscribe(message, tracking.Visit(request))
    return HttpResponse(status=200)
