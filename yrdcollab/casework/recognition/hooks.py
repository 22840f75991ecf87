"""What recognition announces to the apps above it. Receivers connect in their AppConfig.ready()
(Django signals; `send` lets a receiver's error propagate)."""

from django.dispatch import Signal

# Sent inside the transaction that records a penalty decision, with `actor`, `decision` and the credit
# options `credit_severity`, `special_sector` and `publicity_ends_on`. A receiver's error rolls the
# decision back. The credit app opens the decision's credit record here (信用联合惩戒).
penalty_decision_recorded = Signal()
