from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tallytale.programmes.models import Membership


@login_required
def home(request):
    person = getattr(request.user, "person", None)
    memberships = (
        Membership.objects.filter(person=person).select_related("project").order_by("project__slug")
        if person
        else []
    )
    return render(request, "tallytale/home.html", {"memberships": memberships})


class LoginView(auth_views.LoginView):
    template_name = "tallytale/login.html"
    redirect_authenticated_user = True
