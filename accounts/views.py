from django.shortcuts import render

from .tenancy import company_required


def landing(request):
    return render(request, "landing.html")


@company_required()
def dashboard(request):
    return render(request, "accounts/dashboard.html")


def onboarding(request):
    return render(request, "accounts/onboarding.html")
