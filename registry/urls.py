from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("public.urls")),
]

handler400 = "registry.errors.bad_request"
handler403 = "registry.errors.permission_denied"
handler404 = "registry.errors.page_not_found"
handler500 = "registry.errors.server_error"
