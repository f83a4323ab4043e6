from django.contrib import admin

from .models import ContactDetails, Membership, Organisation, Person, Programme, Project


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug", "name")


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "programme", "disclosure_k")
    list_filter = ("programme",)
    search_fields = ("slug", "name")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "project", "kind", "budgeted", "overdraft_minutes")
    list_filter = ("kind", "project")
    search_fields = ("slug", "name")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


class ContactInline(admin.StackedInline):
    model = ContactDetails
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("code", "card_code", "home_project", "registered_on")
    list_filter = ("home_project",)
    search_fields = ("code", "card_code")
    inlines = [MembershipInline, ContactInline]
