"""Privacy: a member downloads all their data, or deletes their account."""
