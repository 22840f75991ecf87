"""{% basemap_config %}: the shared base map's configuration as a JSON <script> (id basemap-config),
read by static/geo/basemap.js. Pages without login pass public=True."""

from django import template
from django.utils.html import json_script

from yrdcollab.platform.geo.basemap import basemap_config as build_config

register = template.Library()


@register.simple_tag
def basemap_config(public=False):
    return json_script(build_config(public=bool(public)), "basemap-config")
