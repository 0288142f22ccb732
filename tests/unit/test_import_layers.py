"""The apps form a stack and import only downward: api -> cms_pages -> shop -> registry -> core (README, "Layout").

Every import is read from the source (module level and inside functions), so a lazy `from cms_pages... import` in
the shop fails here as surely as one at the top. Migrations may name other apps (their dependencies) and are
skipped, as are tests. `simulators` stands outside the stack: the product reaches it only by URL.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Lowest first: each layer may import the ones before it, never the ones after.
LAYERS = ("core", "registry", "shop", "cms_pages", "api")
SKIPPED_DIRECTORIES = {"migrations", "tests", "__pycache__"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the source, nested ones included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def upward_imports(layer: str, source: str, *, filename: str = "<source>") -> list[str]:
    """Each import in `source` (a module of `layer`) of a layer above it."""
    rank = LAYERS.index(layer)
    above = set(LAYERS[rank + 1 :])
    return [
        f"{filename}:{line}: {layer} imports {module} (a layer above it)"
        for line, module in imported_modules(source)
        if module.split(".")[0] in above
    ]


def layer_sources():
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            if SKIPPED_DIRECTORIES.isdisjoint(path.relative_to(ROOT).parts):
                yield layer, path


def test_no_app_imports_a_layer_above_it():
    violations = []
    for layer, path in layer_sources():
        violations += upward_imports(layer, path.read_text(), filename=str(path.relative_to(ROOT)))
    assert violations == [], "\n".join(violations)


def test_every_layer_has_code_to_check():
    # A renamed app would otherwise silently leave the check with nothing to read.
    assert {layer for layer, _path in layer_sources()} == set(LAYERS)


def test_the_check_catches_an_upward_import_at_module_level_and_inside_a_function():
    source = (
        "from core.cache import cache_version\n"
        "import registry.models\n"
        "from cms_pages.models import ProjectPage\n"
        "def serve():\n"
        "    import api.selectors\n"
        "    from shop import selectors\n"
    )

    violations = upward_imports("shop", source)

    assert violations == [
        "<source>:3: shop imports cms_pages.models (a layer above it)",
        "<source>:5: shop imports api.selectors (a layer above it)",
    ]


def test_the_lowest_layer_may_import_no_app_and_the_highest_every_app():
    source = "from registry.models import UnitBlock\nfrom shop.content import shop_content\n"

    assert len(upward_imports("core", source)) == 2
    assert upward_imports("api", source + "from cms_pages.models import ProjectPage\n") == []
