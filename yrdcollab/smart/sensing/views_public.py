"""Without login (行政处罚法第四十一条: 设置地点应当向社会公布): where the published enforcement devices are."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import published_devices
from .serializers import public_device_out


@login_not_required
@require_GET
def published_device_map(request):
    devices = [public_device_out(d) for d in published_devices()]
    return render(request, "sensing/public_devices.html", {"devices": devices})
