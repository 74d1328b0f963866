"""Tags: normalised labels shared by profiles and stories."""
