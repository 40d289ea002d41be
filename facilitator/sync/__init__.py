"""Several laptops, one wall: merging project files, and (on the same rules) syncing them live.

Design record: docs/design/0008-sync.md. Qt-free: the UI and the CLI call in.
"""

from facilitator.sync.merge import MergeResult, Plan, apply_plan, join_walls, merge_file, plan_merge
from facilitator.sync.state import State, state_of

__all__ = ["MergeResult", "Plan", "State", "apply_plan", "join_walls", "merge_file", "plan_merge", "state_of"]
