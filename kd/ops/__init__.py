"""Operations: health endpoint, request logs with a request id, backups."""
