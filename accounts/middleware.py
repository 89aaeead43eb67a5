import zoneinfo

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from .tenancy import resolve_active_membership


class ActiveCompanyMiddleware:
    """Sets request.company and request.membership from the session.

    The active company is the one the user last switched to, else their
    first membership. Anonymous users and users with no company get None.
    Dates and times are shown in the active company's time zone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = resolve_active_membership(request)
        request.membership = membership
        request.company = membership.company if membership else None
        if request.company is None:
            return self.get_response(request)

        try:
            timezone.activate(zoneinfo.ZoneInfo(request.company.timezone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class FrenchFirstLocaleMiddleware(LocaleMiddleware):
    """French unless the visitor chose English with the language switch.

    Django's own middleware follows the browser's Accept-Language, which
    would greet most phones and every headless browser in English; the
    product speaks French first, and the choice is the visitor's.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not chosen or not translation.check_for_language(chosen):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
