"""Issue 20: the simulators are not part of the product, which reaches them only over HTTP.

No module of the product imports the `simulators` package or names one of its modules by dotted path;
the settings may list the app in INSTALLED_APPS (its management commands, and the embedded servers of
development), which is a plain "simulators" string, not an import.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_PACKAGES = ["api", "cms_pages", "config", "core", "registry", "shop"]
DOTTED_PATH = re.compile(r"^simulators(\.[A-Za-z_]\w*)+$")


def _is_simulators(module: str) -> bool:
    return module == "simulators" or module.startswith("simulators.")


def simulators_references(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _is_simulators(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and _is_simulators(node.module):
            found.append(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED_PATH.match(node.value):
            found.append(node.value)  # import_string("simulators..."), importlib.import_module(...)
    return found


def product_modules():
    for package in PRODUCT_PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_no_product_module_imports_the_simulators():
    modules = list(product_modules())
    assert len(modules) > 100
    offenders = [f"{path.relative_to(ROOT)}: {name}" for path in modules for name in simulators_references(path)]
    assert offenders == []


def test_the_scan_finds_an_import_of_the_simulators(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import simulators\n"
        "from simulators.registry.embedded import embedded_simulator_url\n"
        "from . import simulators as local  # a relative import is the package's own\n"
        "STEP = 'simulators.registry.demo.demo_registry_seed'\n"
        "INSTALLED_APPS = ['simulators']\n"
    )
    assert simulators_references(module) == [
        "simulators",
        "simulators.registry.embedded",
        "simulators.registry.demo.demo_registry_seed",
    ]


def test_the_paypal_gateway_uses_no_private_attribute_of_the_sdk():
    """Moving to paypal-server-sdk must touch gateway.py alone: no reliance on the old SDK's internals."""
    path = ROOT / "shop" / "paypal" / "gateway.py"
    tree = ast.parse(path.read_text())
    own = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    private = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and node.attr not in own
    }
    assert private == set()
