namespace LaunchPath.Contracts.Identity;

/// <summary>Roles are held per organization. The organization's type decides which roles it can hold.</summary>
public enum Role
{
    /// <summary>Region: runs the regional convener; full control within the region.</summary>
    ConvenerAdmin,
    /// <summary>Region: convener staff; brokers opportunities and placements, no account management.</summary>
    ConvenerStaff,
    /// <summary>Region: workforce-board analyst; reads outcomes (aggregates only).</summary>
    WorkforceAnalyst,
    /// <summary>District: district administrator.</summary>
    DistrictAdmin,
    /// <summary>District or school: WBL coordinator.</summary>
    SchoolCoordinator,
    /// <summary>School: teacher.</summary>
    Teacher,
    /// <summary>School: counselor.</summary>
    Counselor,
    /// <summary>Employer: administrator of an employer partner.</summary>
    EmployerAdmin,
    /// <summary>Employer: supervisor or mentor.</summary>
    Supervisor,
    /// <summary>School: a student.</summary>
    Student,
    /// <summary>School: a parent or guardian of a student there.</summary>
    Guardian,
}

/// <summary>What a role or an API key may do; always within the organization it belongs to.</summary>
public enum Permission
{
    OrganizationsRead,
    OrganizationsWrite,
    UsersManage,
    PeopleRead,
    PeopleWrite,
    SubgroupsRead,
    RosterImport,
    OpportunitiesRead,
    OpportunitiesWrite,
    OpportunitiesCurate,
    OutcomesRead,
}

public sealed record SignInRequest
{
    public required string Email { get; init; }
    public required string Password { get; init; }
}

/// <summary>Asks for a password reset link by email; the answer never says whether the address has an account.</summary>
public sealed record PasswordResetRequest
{
    public required string Email { get; init; }
}

public enum PasswordLinkPurpose
{
    /// <summary>A new account's first password.</summary>
    Invitation,
    PasswordReset,
}

/// <summary>What an invitation or reset link is for (shown before the person chooses a password).</summary>
public sealed record PasswordLink
{
    public required PasswordLinkPurpose Purpose { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

public sealed record SetPasswordRequest
{
    /// <summary>At least 12 characters.</summary>
    public required string Password { get; init; }
}

public sealed record AccessToken
{
    public required string Token { get; init; }
    public required string TokenType { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

public sealed record MembershipInfo
{
    public required string OrganizationId { get; init; }
    public required string OrganizationName { get; init; }
    public required string OrganizationType { get; init; }
    public required Role Role { get; init; }
    /// <summary>What the role allows at this organization (and, for regions and districts, below it).</summary>
    public required IReadOnlyList<Permission> Permissions { get; init; }
}

/// <summary>A role: the kinds of organization it can be held on, and what it allows there.</summary>
public sealed record RoleInfo
{
    public required Role Role { get; init; }
    public required IReadOnlyList<string> HeldOn { get; init; }
    public required IReadOnlyList<Permission> Permissions { get; init; }
}

/// <summary>Who the caller is: a user (with memberships) or an API key (with its organization and permissions).</summary>
public sealed record CurrentCaller
{
    public string? UserId { get; init; }
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string? ApiKeyId { get; init; }
    public required bool IsPlatformAdmin { get; init; }
    /// <summary>The student record linked to this account, for students.</summary>
    public string? StudentId { get; init; }
    /// <summary>
    /// The language the person reads LaunchPath in (en or es): their own choice in their email choices, else their
    /// record's (the roster's or staff's); absent when neither says, and the app follows the browser.
    /// </summary>
    public string? Language { get; init; }
    public required IReadOnlyList<MembershipInfo> Memberships { get; init; }
    public required IReadOnlyList<Permission> Permissions { get; init; }
}

public sealed record CreateUserRequest
{
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>
    /// At least 12 characters. Omit it and the person is emailed an invitation to choose their own; omit it and give an
    /// external subject for an account that signs in only through district SSO.
    /// </summary>
    public string? Password { get; init; }
    /// <summary>Subject of the user at the external OpenID Connect authority ("issuer|sub"), for SSO sign-in.</summary>
    public string? ExternalSubject { get; init; }
    public required string OrganizationId { get; init; }
    public required Role Role { get; init; }
}

public sealed record UserSummary
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required bool Disabled { get; init; }
    public required IReadOnlyList<MembershipInfo> Memberships { get; init; }
}

public sealed record UserPage
{
    public required IReadOnlyList<UserSummary> Items { get; init; }
    public string? NextCursor { get; init; }
}

public sealed record AddMembershipRequest
{
    public required string OrganizationId { get; init; }
    public required Role Role { get; init; }
}

public sealed record CreateApiKeyRequest
{
    public required string Name { get; init; }
    public required IReadOnlyList<Permission> Permissions { get; init; }
}

public sealed record ApiKeyInfo
{
    public required string Id { get; init; }
    public required string OrganizationId { get; init; }
    public required string Name { get; init; }
    /// <summary>The key's public prefix, to recognise it in lists and logs.</summary>
    public required string Prefix { get; init; }
    public required IReadOnlyList<Permission> Permissions { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>A newly created API key. The secret is shown only here, once; LaunchPath stores only its hash.</summary>
public sealed record CreatedApiKey
{
    public required ApiKeyInfo Info { get; init; }
    /// <summary>Send as the X-Api-Key header.</summary>
    public required string Key { get; init; }
}
