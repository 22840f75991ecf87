# The shared fixtures live in the testing package, not in any app's tests.
pytest_plugins = ["yrdcollab.testing.fixtures", "yrdcollab.testing.openapi_conformance"]
