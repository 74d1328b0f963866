"""Abuse reports and correction suggestions sent from published pages, handled by editors."""
