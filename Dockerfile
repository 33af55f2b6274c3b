# Production image: gunicorn serving iop.wsgi, static files through WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_COMPILE_BYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint (PDF agreements) needs Pango and fonts (the .mo catalogues are committed);
# Ghostscript makes the PDF/A renditions of signed copies for the archive package.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
      ghostscript \
 && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

COPY . .
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --home /app iop \
 && mkdir -p /app/media && chown iop /app/media

USER iop
ENV DJANGO_DEBUG=false \
    DJANGO_MEDIA_ROOT=/app/media
EXPOSE 8000
CMD ["gunicorn", "iop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
