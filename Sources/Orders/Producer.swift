import CoopCore

/// A producer whose products the co-op sells; often a member too.
public struct Producer: Sendable, Codable, Equatable {
    /// Unique without regard to case; how the CLI and purchase orders name the producer.
    public let name: String
    /// Free text: a person, a phone number, an email address.
    public let contact: String?
    /// The producer's member number, when the producer is a member.
    public let member: String?
    public let createdAt: Instant

    static let selectSQL = """
        SELECT p.id, p.name, p.contact, m.number AS member_number, p.created_at
        FROM orders_producers p LEFT JOIN membership_public_members m ON m.id = p.member_id
        """

    init(row: Row) throws {
        name = try row.get("name")
        contact = try row.get("contact")
        member = try row.get("member_number")
        createdAt = try row.get("created_at")
    }

    enum CodingKeys: String, CodingKey { case name, contact, member, createdAt }

    /// Absent values are written as `null`, so every producer object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(contact, forKey: .contact)
        try c.encode(member, forKey: .member)
        try c.encode(createdAt, forKey: .createdAt)
    }
}

/// What is needed to add a producer.
public struct NewProducer: Sendable, Codable, Equatable {
    public var name: String
    public var contact: String?
    /// A member number (`M-0012`, `12`); it must exist.
    public var member: String?

    /// A producer to add; `member` is a member number when the producer is a member.
    public init(name: String, contact: String? = nil, member: String? = nil) {
        self.name = name
        self.contact = contact
        self.member = member
    }
}
