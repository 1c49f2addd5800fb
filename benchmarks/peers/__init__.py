"""The peers tx is measured against, and the shim that bounds every model's output length."""
