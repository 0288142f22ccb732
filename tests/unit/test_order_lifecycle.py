"""The order line lifecycle: one module moves lines, along Oscar's pipeline, and nothing else assigns a status."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from shop.order.models import LineStatus

ROOT = Path(__file__).resolve().parents[2]
LIFECYCLE = ROOT / "shop" / "order" / "lifecycle.py"
PRODUCT_PACKAGES = ("api", "cms_pages", "config", "core", "registry", "shop")


def _product_modules():
    for package in PRODUCT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts or "simulator" in path.parts or "simulators" in path.parts:
                continue
            yield path


def _mentions_line_status(node) -> bool:
    return any(isinstance(sub, ast.Name) and sub.id == "LineStatus" for sub in ast.walk(node))


def _line_status_writes(path: Path) -> list[str]:
    """Places in `path` that write an order line's status other than through the lifecycle module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        # line.status = ..., order_line.status = LineStatus.X
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr == "status"
                    and (
                        _mentions_line_status(node.value)
                        or (isinstance(target.value, ast.Name) and "line" in target.value.id.lower())
                    )
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            # Line.objects...update(status=LineStatus.X), bulk updates, or Oscar's set_status called directly.
            if node.func.attr in ("update", "bulk_update", "update_or_create") and any(
                keyword.arg == "status" and _mentions_line_status(keyword.value) for keyword in node.keywords
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if node.func.attr == "set_status":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_line_status_is_written_outside_the_lifecycle_module():
    offenders = []
    for path in _product_modules():
        if path == LIFECYCLE:
            continue
        offenders += _line_status_writes(path)
    assert offenders == [], "order line statuses change only in shop/order/lifecycle.py: " + ", ".join(offenders)


def test_the_guard_sees_a_direct_assignment(tmp_path):
    """The guard is not blind: each way of writing a status around the lifecycle is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "line.status = LineStatus.PAID\n"
        "order.lines.update(status=LineStatus.EXPIRED)\n"
        "line.set_status('paid')\n"
        "order_line.status = 'paid'\n"
        "Line.objects.filter(status=LineStatus.PAID)\n"  # a read: fine
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert len(_line_status_writes(sample)) == 4
    finally:
        ROOT = saved


def test_every_status_is_in_the_pipeline_and_every_move_leads_to_a_status():
    pipeline = settings.OSCAR_LINE_STATUS_PIPELINE
    assert set(pipeline) == set(LineStatus.values)
    for source, targets in pipeline.items():
        assert set(targets) <= set(LineStatus.values), source
    assert settings.OSCAR_INITIAL_LINE_STATUS == LineStatus.PENDING_PAYMENT


@pytest.mark.parametrize(
    "final", [LineStatus.CANCELLED, LineStatus.PAYMENT_FAILED, LineStatus.EXPIRED, LineStatus.REFUNDED]
)
def test_final_states_have_no_way_out(final):
    assert settings.OSCAR_LINE_STATUS_PIPELINE[final] == ()


def test_money_never_flows_back_into_an_unpaid_state():
    pipeline = settings.OSCAR_LINE_STATUS_PIPELINE
    for source, targets in pipeline.items():
        if source != LineStatus.PENDING_PAYMENT:
            assert LineStatus.PENDING_PAYMENT not in targets
    # A refund is only for lines the registry refused: a paid line is cancelled or fails first.
    assert [s for s, t in pipeline.items() if LineStatus.REFUNDED in t] == [LineStatus.CANCELLATION_FAILED]
