from django.urls import path

from . import counsellor_views, statistics_views, views

urlpatterns = [
    path("posts/<id:post_id>/report/", views.report, name="post_report"),
    path("help/", views.help_now, name="help_now"),
    path("account/posts/", views.my_posts, name="my_posts"),
    path("counsellor/now/", counsellor_views.needs_you_now, name="needs_you_now"),
    path("counsellor/duty/", counsellor_views.duty, name="counsellor_duty"),
    path("counsellor/statistics/", statistics_views.statistics_page, name="counsellor_statistics"),
    path("counsellor/statistics.csv", statistics_views.statistics_csv, name="counsellor_statistics_csv"),
]
