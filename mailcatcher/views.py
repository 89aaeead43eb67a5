import logging
from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import store

logger = logging.getLogger(__name__)

# Applies to the page and, through inheritance, to the sandboxed srcdoc
# frame: a stored message can load no script and reach no other host.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'"
)


def staff_only(view):
    """The catcher shows everyone's mail: staff see it, others get a 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_staff:
            raise Http404
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = PAGE_CSP
        return response

    return wrapper


@staff_only
def message_list(request):
    return render(
        request,
        "mailcatcher/message_list.html",
        {"messages_list": store.summaries(), "total": len(store.message_ids())},
    )


@staff_only
def message_detail(request, message_id):
    message = store.load(message_id)
    if message is None:
        raise Http404
    return render(request, "mailcatcher/message_detail.html", {"message": message})


@staff_only
def message_source(request, message_id):
    path = store.path_for(message_id)
    if path is None:
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/plain")
    response["Content-Disposition"] = f'inline; filename="{message_id}.eml"'
    return response


@staff_only
@require_POST
def clear_messages(request):
    deleted = store.clear()
    logger.info(
        "mail catcher cleared by user %s: %d messages", request.user.pk, deleted
    )
    messages.success(request, _("%(count)d messages supprimés.") % {"count": deleted})
    return redirect("mailcatcher:list")
