"""Per-sender sending caps (per second, hour and day) shared by all workers.

`take(key, limits, wanted)` grants up to `wanted` sends now and answers
(granted, retry_at): when nothing is granted, `retry_at` is the Unix time
the blocking window opens again. Windows are fixed (the current second,
hour and day since the epoch). Two backends answer the same way: Redis
with one atomic Lua script (production, or whenever the broker is Redis)
and counter rows in the database for the embedded default.
"""

import time
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import F

WINDOWS = {"second": 1, "hour": 3600, "day": 86400}
KEY_PREFIX = "afm:rate"

# Checks every window, then counts the grant in all of them: atomic in
# Redis, so workers racing for the last sends of an hour never overshoot.
TAKE_SCRIPT = """
local grant = tonumber(ARGV[1])
local blocking = 0
for i, key in ipairs(KEYS) do
  local room = tonumber(ARGV[2 * i]) - tonumber(redis.call('GET', key) or '0')
  if room < grant then
    grant = room
    if room <= 0 and blocking == 0 then blocking = i end
  end
end
if grant <= 0 then return {0, blocking} end
for i, key in ipairs(KEYS) do
  redis.call('INCRBY', key, grant)
  redis.call('EXPIRE', key, tonumber(ARGV[2 * i + 1]))
end
return {grant, 0}
"""


def caps(limits):
    """[(window name, size in seconds, limit)] for the caps that are set."""
    return [
        (name, size, int(limits[name]))
        for name, size in WINDOWS.items()
        if limits.get(name)
    ]


def take(key, limits, wanted, now=None):
    windows = caps(limits)
    if not windows or wanted <= 0:
        return wanted, None
    now = time.time() if now is None else now
    return backend().take(key, windows, wanted, now)


def backend():
    url = redis_url()
    return RedisCounters(url) if url else DatabaseCounters()


def redis_url():
    if settings.RATE_LIMIT_REDIS_URL:
        return settings.RATE_LIMIT_REDIS_URL
    broker = settings.CELERY_BROKER_URL
    return broker if broker.startswith(("redis://", "rediss://")) else ""


def window_start(now, size):
    return int(now // size) * size


class RedisCounters:
    def __init__(self, url):
        self.redis = redis_client(url)
        self.script = self.redis.register_script(TAKE_SCRIPT)

    def take(self, key, windows, wanted, now):
        starts = [window_start(now, size) for _name, size, _limit in windows]
        keys = [
            f"{KEY_PREFIX}:{key}:{name}:{start}"
            for (name, _size, _limit), start in zip(windows, starts, strict=True)
        ]
        args = [wanted]
        for _name, size, limit in windows:
            args += [limit, size + 60]
        granted, blocking = self.script(keys=keys, args=args)
        if granted:
            return int(granted), None
        _name, size, _limit = windows[blocking - 1]
        return 0, starts[blocking - 1] + size


@lru_cache(maxsize=4)
def redis_client(url):
    import redis

    return redis.Redis.from_url(url)


class DatabaseCounters:
    """One row per (sender, window); rows lock while a grant is counted."""

    def take(self, key, windows, wanted, now):
        from .models import RateCounter

        starts = {name: window_start(now, size) for name, size, _limit in windows}
        with transaction.atomic():
            RateCounter.objects.bulk_create(
                [
                    RateCounter(key=key, window=n[0], started_at=s)
                    for n, s in starts.items()
                ],
                ignore_conflicts=True,
            )
            rows = {
                row.window: row
                for row in RateCounter.objects.select_for_update().filter(
                    key=key,
                    window__in=[n[0] for n in starts],
                    started_at__in=starts.values(),
                )
                if row.started_at == starts[WINDOW_NAMES[row.window]]
            }
            granted, blocking = wanted, None
            for name, size, limit in windows:
                room = limit - rows[name[0]].count
                if room < granted:
                    granted = room
                    if room <= 0 and blocking is None:
                        blocking = starts[name] + size
            if granted <= 0:
                return 0, blocking
            RateCounter.objects.filter(pk__in=[r.pk for r in rows.values()]).update(
                count=F("count") + granted
            )
            forget_closed_windows(key, now)
        return granted, None


WINDOW_NAMES = {name[0]: name for name in WINDOWS}


def forget_closed_windows(key, now):
    from .models import RateCounter

    RateCounter.objects.filter(
        key=key, started_at__lt=window_start(now, WINDOWS["day"]) - WINDOWS["day"]
    ).delete()
    RateCounter.objects.filter(key=key, window="s", started_at__lt=now - 60).delete()
