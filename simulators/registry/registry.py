"""The registry's rules, as the simulator enforces them on its state.

- A unit exists once: blocks of the same Party and unit kind never overlap.
- A cancellation takes the lowest free serials of the block; a serial is never handed out twice.
- The same idempotency key returns the same transaction; the same key with another request is refused.
- Too few units: 409. Only issued, SoP-paid units in pending or permanent holding accounts can be cancelled.
"""

from __future__ import annotations

from datetime import UTC, datetime

from registry.serials import SerialError, SerialRange, parse_range, parse_serial

ACCOUNT_KINDS = ("pending", "permanent_holding", "other")
CANCELLABLE_ACCOUNT_KINDS = ("pending", "permanent_holding")
MECHANISMS = ("CDM", "A6.4")


class SimulatorError(Exception):
    """A refusal the HTTP layer turns into a JSON error with this status."""

    def __init__(self, status: int, code: str, message: str, **details):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def as_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, **self.details}}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _template(block: dict):
    return parse_serial(block["template"])


def _ranges_json(block: dict, intervals: list[list[int]]) -> list[dict]:
    template = _template(block)
    return [SerialRange.from_numbers(template, start, end).as_dict() for start, end in intervals]


def _take_lowest(free: list[list[int]], quantity: int) -> tuple[list[list[int]], list[list[int]]]:
    """Split the sorted free intervals into the lowest ``quantity`` units and what stays free."""
    taken, remaining, needed = [], [], quantity
    for start, end in free:
        if needed == 0:
            remaining.append([start, end])
            continue
        size = end - start + 1
        if size <= needed:
            taken.append([start, end])
            needed -= size
        else:
            taken.append([start, start + needed - 1])
            remaining.append([start + needed, end])
            needed = 0
    return taken, remaining


def _held(block: dict) -> int:
    return sum(end - start + 1 for start, end in block["free"])


class SimulatedRegistry:
    """The registry's books and rules over a state store (see state.py)."""

    def __init__(self, store):
        self.store = store

    # Seeding: what the registry administrator would do (not part of the HTTP API).

    def account_open(self, *, number: str, kind: str, holder: str = "") -> None:
        if kind not in ACCOUNT_KINDS:
            raise ValueError(f"unknown account kind {kind!r}")
        with self.store.transaction() as state:
            state["accounts"].setdefault(number, {"number": number, "kind": kind, "holder": holder})

    def project_register(
        self,
        *,
        reference: str,
        title: str,
        host_country: str,
        mechanism: str = "CDM",
        sectoral_scopes: list[int] | tuple[int, ...] = (),
        methodology: str = "",
    ) -> None:
        if mechanism not in MECHANISMS:
            raise ValueError(f"unknown mechanism {mechanism!r}")
        with self.store.transaction() as state:
            state["projects"].setdefault(
                reference,
                {
                    "reference": reference,
                    "mechanism": mechanism,
                    "title": title,
                    "host_country": host_country,
                    "sectoral_scopes": sorted(sectoral_scopes),
                    "methodology": methodology,
                },
            )

    def block_issue(
        self,
        *,
        block_id: str,
        account: str,
        project: str,
        serial_start: str,
        serial_end: str,
        vintage: int,
        issued: bool = True,
        share_of_proceeds_paid: bool = True,
    ) -> None:
        """Put a block of units into an account; issuing the same block again changes nothing."""
        serial_range = parse_range(serial_start, serial_end)
        definition = {
            "block_id": block_id,
            "account": account,
            "project": project,
            "template": str(serial_range.first),
            "range": [serial_range.start, serial_range.end],
            "vintage": vintage,
        }
        with self.store.transaction() as state:
            if account not in state["accounts"]:
                raise ValueError(f"unknown account {account!r}")
            if project not in state["projects"]:
                raise ValueError(f"unknown project {project!r}")
            existing = state["blocks"].get(block_id)
            if existing is not None:
                if {key: existing[key] for key in definition} != definition:
                    raise ValueError(f"block {block_id!r} already exists with other serials")
                return
            for other in state["blocks"].values():
                other_range = SerialRange.from_numbers(_template(other), *other["range"])
                if other_range.overlaps(serial_range):
                    raise ValueError(f"units of {serial_range} already exist in block {other['block_id']!r}")
            state["blocks"][block_id] = {
                **definition,
                "issued": issued,
                "share_of_proceeds_paid": share_of_proceeds_paid,
                "free": [[serial_range.start, serial_range.end]],
                "cancelled": [],
                "transferred": [],
            }

    def block_update(self, *, block_id: str, issued: bool | None = None, share_of_proceeds_paid: bool | None = None):
        with self.store.transaction() as state:
            block = state["blocks"][block_id]
            if issued is not None:
                block["issued"] = issued
            if share_of_proceeds_paid is not None:
                block["share_of_proceeds_paid"] = share_of_proceeds_paid

    def block_transfer_out(self, *, block_id: str, quantity: int) -> list[dict]:
        """Units leave the account by another channel (forwarding, a regular cancellation request)."""
        with self.store.transaction() as state:
            block = state["blocks"][block_id]
            if quantity < 1 or quantity > _held(block):
                raise ValueError(f"block {block_id!r} holds {_held(block)} units, cannot transfer {quantity}")
            taken, block["free"] = _take_lowest(block["free"], quantity)
            block["transferred"].extend(taken)
            return _ranges_json(block, taken)

    # The HTTP API.

    def holdings(self, account: str) -> dict:
        state = self.store.read()
        if account not in state["accounts"]:
            raise SimulatorError(404, "account_not_found", f"No account {account} in this registry.")
        info = state["accounts"][account]
        blocks = [
            self._block_json(block, info, state["projects"][block["project"]])
            for block in sorted(state["blocks"].values(), key=lambda b: b["block_id"])
            if block["account"] == account and block["free"]
        ]
        return {"account": account, "account_kind": info["kind"], "blocks": blocks}

    def _block_json(self, block: dict, account: dict, project: dict) -> dict:
        template = _template(block)
        free = block["free"]
        return {
            "block_id": block["block_id"],
            "account": account["number"],
            "account_kind": account["kind"],
            "project": dict(project),
            "vintage": block["vintage"],
            "issued": block["issued"],
            "share_of_proceeds_paid": block["share_of_proceeds_paid"],
            "units_held": _held(block),
            "serial_start": str(template.with_number(free[0][0])),
            "serial_end": str(template.with_number(free[-1][1])),
            "serial_ranges": _ranges_json(block, free),
        }

    def cancellation_create(self, payload) -> tuple[dict, bool]:
        """Cancel units; return the transaction and whether it is new (False: an idempotent replay)."""
        request = self._cancellation_validate(payload)
        with self.store.transaction() as state:
            replay = state["idempotency"].get(request["idempotency_key"])
            if replay is not None:
                if replay["request"] != request:
                    raise SimulatorError(
                        422,
                        "idempotency_key_reused",
                        "This idempotency key was already used for a different cancellation request.",
                        transaction_id=replay["transaction_id"],
                    )
                return state["transactions"][replay["transaction_id"]], False
            block = state["blocks"].get(request["block_id"])
            if block is None:
                raise SimulatorError(404, "block_not_found", f"No block {request['block_id']} in this registry.")
            account = state["accounts"][block["account"]]
            if not block["issued"]:
                raise SimulatorError(422, "units_not_eligible", "The units of this block are not issued.")
            if not block["share_of_proceeds_paid"]:
                raise SimulatorError(422, "units_not_eligible", "The share of proceeds of this block is not paid.")
            if account["kind"] not in CANCELLABLE_ACCOUNT_KINDS:
                raise SimulatorError(
                    422, "units_not_eligible", "Only units in a pending or permanent holding account can be cancelled."
                )
            available = _held(block)
            if request["quantity"] > available:
                raise SimulatorError(
                    409,
                    "insufficient_units",
                    f"The block holds {available} units; {request['quantity']} were requested.",
                    units_available=available,
                )
            taken, block["free"] = _take_lowest(block["free"], request["quantity"])
            block["cancelled"].extend(taken)
            transaction_id = f"VC-{state['next_transaction']:08d}"
            state["next_transaction"] += 1
            transaction = {
                "transaction_id": transaction_id,
                "status": "completed",
                "type": "voluntary_cancellation",
                "account": block["account"],
                "created_at": _now(),
                **request,
                "serial_ranges": _ranges_json(block, taken),
            }
            state["transactions"][transaction_id] = transaction
            state["idempotency"][request["idempotency_key"]] = {"transaction_id": transaction_id, "request": request}
            return transaction, True

    def _cancellation_validate(self, payload) -> dict:
        if not isinstance(payload, dict):
            raise SimulatorError(400, "invalid_request", "The request body must be a JSON object.")
        problems = {}
        key = payload.get("idempotency_key")
        if not isinstance(key, str) or not 1 <= len(key) <= 128:
            problems["idempotency_key"] = "a string of 1 to 128 characters"
        if not isinstance(payload.get("block_id"), str) or not payload.get("block_id"):
            problems["block_id"] = "a block id"
        quantity = payload.get("quantity")
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            problems["quantity"] = "a whole number of units, at least 1"
        for field, limit in (("beneficiary", 255), ("purpose", 500)):
            value = payload.get(field)
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                problems[field] = f"a non-empty string of at most {limit} characters"
        if problems:
            raise SimulatorError(400, "invalid_request", "The cancellation request is not valid.", fields=problems)
        return {
            field: payload[field] for field in ("idempotency_key", "block_id", "quantity", "beneficiary", "purpose")
        }

    def transaction_get(self, transaction_id: str) -> dict:
        transaction = self.store.read()["transactions"].get(transaction_id)
        if transaction is None:
            raise SimulatorError(404, "transaction_not_found", f"No transaction {transaction_id} in this registry.")
        return transaction

    # Checks for tests and the demo.

    def cancelled_ranges(self) -> list[SerialRange]:
        """Every range ever cancelled, across all blocks."""
        ranges = []
        for block in self.store.read()["blocks"].values():
            template = _template(block)
            ranges.extend(SerialRange.from_numbers(template, start, end) for start, end in block["cancelled"])
        return ranges

    def transactions(self) -> list[dict]:
        """Every cancellation transaction, oldest first."""
        return sorted(self.store.read()["transactions"].values(), key=lambda t: t["transaction_id"])

    def units_held(self, block_id: str) -> int:
        return _held(self.store.read()["blocks"][block_id])


__all__ = ["SimulatedRegistry", "SimulatorError", "SerialError"]
