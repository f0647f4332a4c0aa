"""Oscar's sign-in, registration and password reset, throttled and silent about who has an account.

Wrapped, not forked: shop/urls.py routes Oscar's own addresses to these subclasses (URL names unchanged).

- Sign-in: a paused e-mail or client address (shop.login_throttle) gets "try again after HH:MM", for an
  unknown e-mail exactly as for a known one.
- Registration answers every valid form with the same "check your e-mail" page. A new address gets an
  inactive account and a link that activates it and signs in (so nobody can tell, by signing in with the
  password they chose, whether the address was free); an address that already has an account gets, instead,
  an e-mail telling its owner someone tried to register with it, with links to sign in and reset the password.
- Password reset: at most 3 mails per e-mail address and 10 requests per client address an hour; the page
  answers the same either way.
"""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import EmailAuthenticationForm, EmailUserCreationForm, PasswordResetForm
from oscar.apps.customer.signals import user_registered
from oscar.apps.customer.utils import normalise_email
from oscar.apps.customer.views import AccountAuthView, AccountRegistrationView
from oscar.views.decorators import login_forbidden

from shop.login_throttle import (
    REGISTRATIONS_PER_ADDRESS,
    RESETS_PER_ACCOUNT,
    RESETS_PER_ADDRESS,
    client_address,
    login_paused_until,
)

User = get_user_model()
EMAIL_BACKEND_PATH = "oscar.apps.customer.auth_backends.EmailBackend"


class ThrottledAuthenticationForm(EmailAuthenticationForm):
    def clean(self):
        paused_until = login_paused_until(self.request, self.cleaned_data.get("username"))
        if paused_until:
            local = datetime.fromtimestamp(paused_until, tz=timezone.get_current_timezone())
            raise ValidationError(
                _("Too many sign-in attempts. For your safety, signing in with a password is paused; "
                  "try again after %(time)s, or reset your password.") % {"time": local.strftime("%H:%M")},
                code="throttled")
        return super().clean()


class SilentRegistrationForm(EmailUserCreationForm):
    """Oscar's form without "A user with that email address already exists"."""

    def clean_email(self):  # the address may belong to an account: register_quietly decides, the form never says
        return normalise_email(self.cleaned_data["email"])


def _send(request, user, template, **context):
    context = {"user": user, "site_url": request.build_absolute_uri("/").rstrip("/"), **context}
    subject = render_to_string(f"accounts/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/emails/{template}_body.txt", context)
    send_mail(subject, body, settings.OSCAR_FROM_EMAIL, [user.email])


def register_quietly(request, form):
    """Create an inactive account and mail its activation link, or tell an existing account's owner."""
    email = form.cleaned_data["email"]
    password = form.cleaned_data["password1"]
    existing = User._default_manager.filter(email__iexact=email).order_by("pk").first()
    if existing is not None and (existing.is_active or existing.last_login):  # a deactivated account stays so
        make_password(password)  # the same work as for a new account: the answer takes as long either way
        _send(request, existing, "registration_attempt",
              login_url=request.build_absolute_uri(reverse("customer:login")),
              reset_url=request.build_absolute_uri(reverse("password-reset")))
        return
    if existing is None:
        user = form.save(commit=False)
        user.is_active = False
        user.save()
        user_registered.send_robust(sender=register_quietly, request=request, user=user)
    else:  # registered before and never activated: the latest registration's password holds
        user = existing
        user.set_password(password)
        user.save(update_fields=["password"])
    link = reverse("account-activate", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                               "token": default_token_generator.make_token(user)})
    _send(request, user, "activation", activation_url=request.build_absolute_uri(link))


def _registration_refused(form):
    form.add_error(None, _("Too many registrations from your network. Please try again in an hour."))


def _check_email(request):
    return render(request, "accounts/check_email.html", {})


class ThrottledAccountAuthView(AccountAuthView):
    login_form_class = ThrottledAuthenticationForm
    registration_form_class = SilentRegistrationForm

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if REGISTRATIONS_PER_ADDRESS.blocked_until(client_address(self.request)):
            _registration_refused(form)
        elif form.is_valid():
            REGISTRATIONS_PER_ADDRESS.hit(client_address(self.request))
            register_quietly(self.request, form)
            return _check_email(self.request)
        return self.render_to_response(self.get_context_data(registration_form=form))


class QuietRegistrationView(AccountRegistrationView):
    form_class = SilentRegistrationForm

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if REGISTRATIONS_PER_ADDRESS.blocked_until(client_address(request)):
            _registration_refused(form)
        elif form.is_valid():
            REGISTRATIONS_PER_ADDRESS.hit(client_address(request))
            register_quietly(request, form)
            return _check_email(request)
        return self.form_invalid(form)


def activate_account(request, uidb64, token):
    """The activation link: activates the account and signs its owner in (once: signing in spends the token)."""
    try:
        user = User._default_manager.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        messages.error(request, _("This link has expired or was already used. Sign in, or register again."))
        return redirect("customer:login")
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    login(request, user, backend=EMAIL_BACKEND_PATH)
    messages.success(request, _("Welcome! Your account is ready."))
    return redirect(settings.LOGIN_REDIRECT_URL)


class ThrottledPasswordResetForm(PasswordResetForm):
    def save(self, *args, request=None, **kwargs):
        email, address = self.cleaned_data["email"], client_address(request)
        if RESETS_PER_ACCOUNT.blocked_until(email) or RESETS_PER_ADDRESS.blocked_until(address):
            return  # the page answers as if sent: it never says whether or why a mail went out
        RESETS_PER_ACCOUNT.hit(email)
        RESETS_PER_ADDRESS.hit(address)
        super().save(*args, request=request, **kwargs)


password_reset = login_forbidden(auth_views.PasswordResetView.as_view(
    form_class=ThrottledPasswordResetForm,
    success_url=reverse_lazy("password-reset-done"),
    template_name="oscar/registration/password_reset_form.html",
))
