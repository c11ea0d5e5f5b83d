"""Every URL of the application, asked for without signing in, sends the visitor to the sign-in page.

The walk reads the URL resolver itself, so a view added later is walked too; only the sign-in page
answers an anonymous visitor. Static files are served by whitenoise before any URL is resolved, so
they are not in the resolver.

Django's admin site is not installed (a superuser is no way into case material), so the sign-in
page is the one door.
"""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
# The sign-in page, and the survey pages respondents reach with a one-time code and no account (S19,
# groups/surveys/public.py; tested in tests/surveys/test_public.py to reveal nothing without a valid code).
OPEN = {"login", "surveys_public:start", "surveys_public:answer"}


def _patterns(resolver=None, namespace=""):
    """(view name, pattern) for every URL pattern, with its namespace."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), namespace, pattern


def _argument_names(pattern: URLPattern) -> list[str]:
    if hasattr(pattern.pattern, "converters") and pattern.pattern.converters:
        return list(pattern.pattern.converters)
    return list(pattern.pattern.regex.groupindex)


def _candidates(county) -> dict[str, list]:
    """Values for each URL argument, taken from the county (ids of real rows)."""
    return {
        "pk": [county.round.pk, county.group1.pk, county.office.pk],
        "year": [2027],
        "model": ["groups.inspectiongroup"],
        "object_id": [str(county.office.pk)],
        "id": [str(county.office.pk)],
        "content_type_id": [ContentType.objects.get_for_model(county.office).pk],
        "url": ["nothing-here/"],
        "chain": ["tests.round_plan"],
        "kind": ["groups.roster"],
        "label": ["petitions.petition"],
        "user_pk": [county.office.pk],
    }


def _urls(county):
    candidates = _candidates(county)
    urls, unbuildable = [], []
    for name, _namespace, pattern in _patterns():
        assert name is not None, f"an unnamed URL pattern cannot be walked or reversed: {pattern}"
        names = _argument_names(pattern)
        missing = [arg for arg in names if arg not in candidates]
        assert not missing, f"{name}: no value for {missing}; add one to _candidates"
        for values in itertools.product(*(candidates[arg] for arg in names)):
            try:
                urls.append((name, reverse(name, kwargs=dict(zip(names, values, strict=True)))))
                break
            except NoReverseMatch:
                continue
        else:
            unbuildable.append(name)
    assert not unbuildable, f"could not build a URL for {unbuildable}"
    return urls


def test_every_url_sends_an_anonymous_visitor_to_sign_in(client, county):
    urls = _urls(county)
    assert len(urls) > 30  # the walk found the whole application, not one include
    wrong = []
    for name, url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            location = response.get("Location", "")
            if name in OPEN:
                if response.status_code not in (200, 302, 400, 405) or (  # an empty form: 400
                    response.status_code == 302 and location.startswith(LOGIN)
                ):
                    wrong.append(f"{method.upper()} {url} ({name}): {response.status_code} {location}")
                continue
            if response.status_code != 302 or not location.startswith(LOGIN):
                wrong.append(f"{method.upper()} {url} ({name}): {response.status_code} {location}")
    assert not wrong, "\n".join(wrong)


def test_the_sign_in_page_answers(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_there_is_no_admin_site_even_for_a_superuser(client, county):
    county.office.is_superuser = county.office.is_staff = True
    county.office.save()
    client.force_login(county.office)
    assert client.get("/admin/").status_code == 404
