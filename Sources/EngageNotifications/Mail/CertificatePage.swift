/// What a certificate of attendance says, for `MailRenderer.certificate`.
public struct CertificatePage: Sendable, Equatable {
    public var participant: String
    public var organisation: String
    /// The workshop's title, in the page's language where it has one.
    public var title: String
    public var series: String?
    /// `YYYY-MM-DD`.
    public var startsOn: String?
    public var endsOn: String?
    public var code: String
    public var verifyURL: String
    /// Why it is not valid (attendance withdrawn, workshop cancelled), or nil.
    public var invalidReason: String?

    public init(
        participant: String, organisation: String, title: String, series: String?, startsOn: String?, endsOn: String?,
        code: String, verifyURL: String, invalidReason: String?
    ) {
        self.participant = participant
        self.organisation = organisation
        self.title = title
        self.series = series
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.code = code
        self.verifyURL = verifyURL
        self.invalidReason = invalidReason
    }
}
