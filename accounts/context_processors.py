def active_company(request):
    return {
        "company": getattr(request, "company", None),
        "membership": getattr(request, "membership", None),
    }
