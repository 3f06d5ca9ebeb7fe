"""HR's screens in the Wagtail admin for requirements, extensions and exemptions (registered as Wagtail hooks)."""
