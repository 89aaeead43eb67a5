# AfriMail Pro: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AFRIMAIL_VAR_DIR=/app/var

WORKDIR /app
RUN groupadd --system --gid 10001 afrimail \
    && useradd --system --uid 10001 --gid afrimail --home-dir /app afrimail

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=afrimail:afrimail . .

# Static files are gathered at build time: whitenoise serves them from
# /app/var/staticfiles. The build needs no database and no real secret.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R afrimail:afrimail /app/var

USER afrimail
EXPOSE 8000

CMD ["gunicorn", "afrimail.wsgi:application", \
     "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", \
     "--access-logfile", "-"]
