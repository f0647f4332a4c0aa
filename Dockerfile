# The store's image for compose.yaml (or any container platform): the same requirements.txt as `make serve`,
# static files collected at build time into STATIC_ROOT (whitenoise serves them under hashed names).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    ATELIER_DATA_DIR=/app/data \
    STATIC_ROOT=/app/staticfiles \
    BIND_HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
# collectstatic reads the settings, which refuse DEBUG off without these: throw-away values for this step only.
RUN DEBUG=off SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build.invalid STRIPE_WEBHOOK_SECRET=collectstatic-only \
    SUPPORT_INBOUND_EMAIL_SECRET=collectstatic-only python manage.py collectstatic --noinput -v0 \
    && rm -rf /app/data && useradd --create-home atelier && mkdir -p /app/data && chown atelier /app/data
USER atelier
EXPOSE 8000
CMD ["sh", "-c", "python -m shop.preflight && exec gunicorn --config gunicorn.conf.py"]
