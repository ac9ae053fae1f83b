"""Bulk imports of orders: staging a file, running it chunk by chunk as a resumable job, its rejects."""
