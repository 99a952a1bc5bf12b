namespace LaunchPath.Contracts.Messaging;

public enum DeliveryStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,
    /// <summary>A sender holds it now.</summary>
    Sending,
    /// <summary>The mail server accepted it.</summary>
    Sent,
    /// <summary>Refused for good, or every attempt failed: see lastError.</summary>
    Failed,
    /// <summary>Held for the recipient's daily digest (they asked for one email a day); it goes with the next one.</summary>
    HeldForDigest,
}

/// <summary>A message LaunchPath wrote about a record, and how its delivery went (staff see it on the record).</summary>
public sealed record SentMessage
{
    public required string Id { get; init; }
    /// <summary>Which message: agreement.guardian, agreement.supervisor, …</summary>
    public required string Template { get; init; }
    public required string Channel { get; init; }
    /// <summary>The recipient's address.</summary>
    public required string Recipient { get; init; }
    public string? RecipientName { get; init; }
    /// <summary>The language it was written in (en, es).</summary>
    public required string Language { get; init; }
    public required string Subject { get; init; }
    /// <summary>For a message that went in a daily digest: the digest's delivery.</summary>
    public required DeliveryStatus Status { get; init; }
    /// <summary>True when the recipient gets it in their daily digest rather than on its own.</summary>
    public bool InDigest { get; init; }
    public required int Attempts { get; init; }
    /// <summary>Why the last attempt failed, when it did.</summary>
    public string? LastError { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>A region's messages: its time zone (dates in messages) and when reminders go out.</summary>
public sealed record MessageSettings
{
    public required string RegionId { get; init; }
    /// <summary>IANA time zone, e.g. America/Los_Angeles.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Days an agreement waits for a guardian's or supervisor's acknowledgement before they are reminded (once).</summary>
    public required int AgreementReminderDays { get; init; }
    /// <summary>Days hours wait for approval after the supervisor's email before they are reminded (once).</summary>
    public required int HoursReminderDays { get; init; }
    /// <summary>Days before a placement's approval expires, with its agreement incomplete, that the school's coordinators are warned.</summary>
    public required int ExpiryWarningDays { get; init; }
    public required int Version { get; init; }
}

public sealed record UpdateMessageSettingsRequest
{
    public required string TimeZone { get; init; }
    public required int AgreementReminderDays { get; init; }
    public required int HoursReminderDays { get; init; }
    public required int ExpiryWarningDays { get; init; }
}

/// <summary>A message LaunchPath sent the signed-in person, as their notification centre lists it.</summary>
public sealed record Notification
{
    public required string Id { get; init; }
    /// <summary>Which message: placement.changed, hours.approved, account.invitation, …</summary>
    public required string Template { get; init; }
    public required string Subject { get; init; }
    /// <summary>The placement it concerns, when it concerns one.</summary>
    public string? PlacementId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}

public sealed record NotificationList
{
    public required int Unread { get; init; }
    /// <summary>The latest first (up to 50).</summary>
    public required IReadOnlyList<Notification> Items { get; init; }
}

/// <summary>What an unsubscribe link is for: the address, and whether its optional messages are stopped.</summary>
public sealed record UnsubscribeStatus
{
    public required string Email { get; init; }
    public required bool Stopped { get; init; }
    /// <summary>How the messages this address may stop reach it.</summary>
    public MessageDelivery Delivery { get; init; }
    /// <summary>The language the address chose for everything LaunchPath sends it (en, es); absent: the record's.</summary>
    public string? Language { get; init; }
}

/// <summary>How the messages a person may stop (a placement's steps, hours decisions, round results, applicants, curation decisions, staff's weekly digest) reach them.</summary>
public enum MessageDelivery
{
    /// <summary>Each as it happens.</summary>
    Immediate,
    /// <summary>One email a day, at 4 pm in the region's time zone, listing them.</summary>
    Daily,
    /// <summary>Not at all (what a placement requires still goes).</summary>
    None,
}

/// <summary>The signed-in person's choices for what LaunchPath emails them.</summary>
public sealed record MessagePreferences
{
    /// <summary>The address the choices are for (the account's).</summary>
    public required string Email { get; init; }
    public required MessageDelivery Delivery { get; init; }
    /// <summary>en or es; absent: as the record says (the roster's or staff's), else English.</summary>
    public string? Language { get; init; }
}

public sealed record MessagePreferencesRequest
{
    public required MessageDelivery Delivery { get; init; }
    /// <summary>en or es; null: as the record says.</summary>
    public string? Language { get; init; }
}
