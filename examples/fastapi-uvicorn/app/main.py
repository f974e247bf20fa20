import asyncio
import os

from fastapi import FastAPI

# Upper bound for /slow, so a mistyped request cannot hold a worker for long.
MAX_SLOW_SECONDS = 5.0

app = FastAPI()


@app.get("/")
async def index():
    return {"example": "fastapi-uvicorn", "message": "hello"}


@app.get("/slow")
async def slow(seconds: float = 1.0):
    """Sleep without blocking the event loop, then return the worker's pid."""
    await asyncio.sleep(min(seconds, MAX_SLOW_SECONDS))
    return {"pid": os.getpid()}
