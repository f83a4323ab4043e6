from django.contrib import admin

from .models import (
    Action,
    ClaimReview,
    FindingReview,
    LearningNote,
    NoteComment,
    Priority,
    ResearchQuestion,
    Round,
    Vote,
)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "votes_per_member", "opened_at", "closed_at")
    list_filter = ("project",)


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "status", "raised_at")
    list_filter = ("project", "status")


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("round", "priority", "dots", "updated_at")


@admin.register(ResearchQuestion)
class ResearchQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "project", "created_at")


@admin.register(ClaimReview)
class ClaimReviewAdmin(admin.ModelAdmin):
    list_display = ("claim_ref", "project", "opened_at", "closed_at")


@admin.register(FindingReview)
class FindingReviewAdmin(admin.ModelAdmin):
    list_display = ("claim", "response", "updated_at")


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("text", "project", "owner", "status", "due_on")
    list_filter = ("project", "status")


@admin.register(LearningNote)
class LearningNoteAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "programme", "published_at")


@admin.register(NoteComment)
class NoteCommentAdmin(admin.ModelAdmin):
    list_display = ("note", "project", "created_at")
