"""`hybridize validate`: the user's own program judges the refactoring.

`validate_edits` copies the project, applies edits to the copy, runs the user's command on
both trees with probes on every edited function, and compares the runs call by call.
"""

from hybridize.validate.model import Outcome, Tolerance, ValidationReport
from hybridize.validate.session import Invocation, Validation, validate_edits

__all__ = ["Invocation", "Outcome", "Tolerance", "Validation", "ValidationReport",
           "validate_edits"]
