"""Every hook govlearn registers lives in an app's wagtail_hooks.py, and govlearn's own hooks are named in one place."""

import importlib

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from content import hooks as govlearn_hooks

APPS = ("content", "courses", "people", "enrolment", "assessments", "certificates", "compliance")


def registered():
    hooks.search_for_hooks()
    for name, functions in hooks._hooks.items():  # Wagtail's registry: {name: [(fn, order), ...]}
        for function, _order in functions:
            # A viewset registered from wagtail_hooks.py registers its own methods (register_permissions) once
            # the admin's URLs load: Wagtail's doing, not a hook of ours.
            if isinstance(getattr(function, "__self__", None), ViewSet):
                continue
            if function.__module__.split(".")[0] in APPS:
                yield name, function


def test_every_hook_is_registered_from_a_wagtail_hooks_module():
    misplaced = [
        (name, fn.__module__, fn.__name__)
        for name, fn in registered()
        if fn.__module__.split(".")[-1] != "wagtail_hooks"
    ]
    # A hook function defined elsewhere may be registered from wagtail_hooks.py (hooks.register(NAME, fn)):
    # then it must be named in that app's wagtail_hooks module.
    stray = []
    for name, module, function_name in misplaced:
        app = module.split(".")[0]
        if getattr(importlib.import_module(f"{app}.wagtail_hooks"), function_name, None) is None:
            stray.append((name, module, function_name))
    assert stray == []


def test_govlearn_hooks_are_called_and_registered_by_their_constant():
    ours = {
        govlearn_hooks.NAVIGATION,
        govlearn_hooks.HOME_PANELS,
        govlearn_hooks.COURSE_PAGE_CONTEXT,
        govlearn_hooks.MODULE_PAGE_CONTEXT,
        govlearn_hooks.REQUIREMENT_ADMIN_URLS,
        govlearn_hooks.LOAD_DEMO_DATA,
        govlearn_hooks.COURSE_COMPLETION_CONDITIONS,
        govlearn_hooks.COMPLETION_FACTS,
    }
    used = {name for name, _fn in registered()}
    assert ours <= used
    for name in ours:
        assert name in govlearn_hooks.__doc__, f"{name} is not documented in content/hooks.py"
