"""The active company of a request, and lookups scoped to it.

Every view that touches tenant data goes through `company_required` and
`get_for_company`: an id that belongs to another company answers 404.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

SESSION_KEY = "active_company_id"


def resolve_active_membership(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    memberships = user.memberships.select_related("company")
    wanted = request.session.get(SESSION_KEY)
    if wanted is not None:
        chosen = memberships.filter(company_id=wanted).first()
        if chosen:
            return chosen
    return memberships.order_by("created_at").first()


def activate(request, membership):
    request.session[SESSION_KEY] = membership.company_id
    request.membership = membership
    request.company = membership.company


def company_required(action="view"):
    """Views behind this need a logged-in member allowed to do `action`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect("account_login")
            if request.company is None:
                return redirect("accounts:onboarding")
            if not request.membership.can(action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_for_company(queryset_or_model, request, **lookup):
    """Fetch one row of the active company, or 404."""
    manager = getattr(queryset_or_model, "objects", queryset_or_model)
    return get_object_or_404(manager.filter(company=request.company), **lookup)
