from .tenancy import resolve_active_membership


class ActiveCompanyMiddleware:
    """Sets request.company and request.membership from the session.

    The active company is the one the user last switched to, else their
    first membership. Anonymous users and users with no company get None.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = resolve_active_membership(request)
        request.membership = membership
        request.company = membership.company if membership else None
        return self.get_response(request)
