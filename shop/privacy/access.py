"""The staff access log: a staff member's successful GET of a page registered as showing a customer's personal data
(registry.register_access_point) is recorded with who, whose data, what and when."""

from shop.privacy.models import PersonalDataAccess
from shop.privacy.registry import ACCESS_POINTS


def staff_name(user):
    return user.get_full_name() or user.email or user.get_username()


def log_access(*, staff, subject, what):
    return PersonalDataAccess.objects.create(staff=staff, staff_name=staff_name(staff), customer=subject.user,
                                             email=subject.emails[0] if subject.emails else "", what=what[:120])


class StaffAccessLogMiddleware:
    """After a staff member's page of a customer's data answered 200, log that they opened it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (response.status_code == 200 and request.method == "GET" and match is not None and user is not None
                and user.is_authenticated and user.is_staff):
            subject_of = ACCESS_POINTS.get(match.view_name)
            found = subject_of(match.kwargs) if subject_of else None
            if found is not None:
                log_access(staff=user, subject=found[0], what=found[1])
        return response
