"""Roles and capabilities: the one place that knows which role may do what (ADR 0004). Pure Python
below every app of the platform, so that the audit trail, the directory and every app above can ask
"may this actor do that?" without importing the accounts app."""
