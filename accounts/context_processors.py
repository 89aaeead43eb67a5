from django.utils.functional import SimpleLazyObject


def active_company(request):
    user = getattr(request, "user", None)

    def memberships():
        if user is None or not user.is_authenticated:
            return []
        return list(user.memberships.select_related("company").order_by("created_at"))

    return {
        "company": getattr(request, "company", None),
        "membership": getattr(request, "membership", None),
        # Evaluated only by pages that show the company switcher.
        "memberships": SimpleLazyObject(memberships),
    }
