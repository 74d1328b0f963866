"""The audit log: a sink any feature's services write to; it calls no feature back."""
