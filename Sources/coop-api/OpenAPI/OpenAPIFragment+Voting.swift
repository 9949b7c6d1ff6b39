extension OpenAPIFragment {
    /// Elections, signed ballots, the public board and the result (docs/VOTING.md is the protocol).
    static let voting = OpenAPIFragment(
        paths: #"""
  /api/v1/elections:
    get:
      summary: List elections in creation order (any token)
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~json 200 ElectionList One page of elections.
        ~problems 401 422
    post:
      summary: Create a draft election (admin)
      description: 'Credentials are issued only with `coopctl election credentials ID --out DIR`: the answer would hold every member''s code.'
      ~body NewElection
      responses:
        '201':
          description: The draft election.
          headers:
            Location: {schema: {type: string}, description: '/api/v1/elections/{id}'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Election'}
        ~problems 401 403 422
  /api/v1/elections/{id}:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    get:
      summary: One election (any token)
      responses:
        ~json 200 Election The election.
        ~problems 401 404
    patch:
      summary: Change a draft election (admin); refused with 409 voting.not_draft once credentials are issued
      ~body ElectionChanges
      responses:
        ~json 200 Election The draft after the change.
        ~problems 401 403 404 409 422
  /api/v1/elections/{id}/open:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Open the ballot box (admin), from the opening instant, once credentials are issued
      responses:
        ~json 200 Election The election, now open.
        ~problems 401 403 404 409
  /api/v1/elections/{id}/close:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Close the ballot box (admin), never before the closing instant
      responses:
        ~json 200 Election The election, now closed; the board shows every ballot in full.
        ~problems 401 403 404 409
  /api/v1/elections/{id}/tally:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Verify the board, count the ballots and append the result (admin); again on a tallied election returns the same result
      description: >-
        A secret election is counted by its tellers instead: this answers 409 voting.awaiting_tellers, naming
        those who have not posted their decryption yet (and appends the encrypted sums if they are missing).
      responses:
        ~json 200 ElectionResult The result.
        ~problems 401 403 404 409
  /api/v1/elections/{id}/tellers:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Register a teller of a secret draft election (admin)
      description: >-
        The body is the public part of the teller's key file (`FILE.pub`, made by `coopctl teller keygen` on the
        teller's own machine; the private key never comes here). The teller's index is its registration order.
        Refusals: 409 voting.not_secret, voting.not_draft or voting.teller_already_registered, 422
        voting.invalid_teller_file, voting.invalid_teller_proof or voting.wrong_election.
      ~body TellerPublicKey
      responses:
        ~json 201 TellerList Every teller of the election so far, in index order.
        ~problems 401 403 404 409 422
  /api/v1/elections/{id}/decryptions:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Post a teller's decryption of a closed secret election's encrypted sums (any token)
      description: >-
        What `coopctl teller decrypt` sends after verifying the whole board: one factor per slot of the `tally`
        event, each with its proof, which only the teller's private key can make (the proofs are the authority,
        so any member's token will do). The last teller's decryption appends the result. Refusals: 422
        voting.invalid_decryption (naming the question and slot) or voting.unknown_teller, 409
        voting.already_decrypted, voting.tally_pending, voting.not_secret or voting.wrong_state.
      ~body Decryption
      responses:
        ~json 201 DecryptionReceipt On the board; the tellers still to decrypt, and the result after the last.
        ~problems 401 404 409 422
  /api/v1/elections/{id}/ballots:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    post:
      summary: Cast a signed ballot (no token)
      description: >-
        The body is the ballot signed on the voter's side (`coopctl vote cast`); its signature is its authority,
        so send no Authorization header (a token would link the ballot to a member in whatever the server logs).
        A later ballot from the same credential replaces the earlier one in the tally; sending the same ballot
        again answers the first receipt and appends nothing. Refusals: 409 voting.closed, 403
        voting.unknown_credential or voting.revoked_credential, 422 voting.bad_signature, voting.invalid_answer,
        voting.answer_count, voting.malformed_ballot, voting.wrong_election or voting.election_hash_mismatch,
        413 voting.ballot_too_large, 409 voting.ballot_replaced.
      security: []
      ~body Ballot
      responses:
        ~json 202 CastReceipt Accepted and on the board; keep the tracker.
        ~problems 403 404 409 413 422
  /api/v1/elections/{id}/board:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    get:
      summary: The public board, canonical JSON (no token)
      description: >-
        The hash chain of the election's events, what `coopctl election verify FILE` checks. While voting is open
        each ballot event shows only `{"tracker": …}` (with its real seq, prev and hash); from close on every ballot
        is shown in full, with the same hashes. A secret election's ballots are encrypted, so they are shown in
        full while voting is open too.
      security: []
      responses:
        ~json 200 Board The board.
        ~problems 404
  /api/v1/elections/{id}/result:
    parameters:
      - {$ref: '#/components/parameters/ElectionID'}
    get:
      summary: The published result (no token), once tallied; 409 voting.not_tallied before
      description: The result is also the board's last event, so it is public like the board.
      security: []
      responses:
        ~json 200 ElectionResult The result.
        ~problems 404 409
"""# + "\n",
        parameters: #"""
    ElectionID:
      name: id
      in: path
      required: true
      description: E-0001 (e-1 and 1 are read the same).
      schema: {type: string, example: E-0001}
"""# + "\n",
        schemas: #"""
    ElectionStatus:
      type: string
      enum: [draft, credentials_issued, open, closed, tallied]
    Question:
      type: object
      required: [text, kind, choices]
      properties:
        text: {type: string, maxLength: 1000}
        kind: {type: string, enum: [single, approval, ranked]}
        choices: {type: array, minItems: 2, maxItems: 100, items: {type: string, maxLength: 200}, description: 'Answers refer to choices by 0-based index.'}
        threshold: {type: string, enum: [majority, two-thirds, plurality], description: 'single only; majority when left out.'}
        min: {type: integer, minimum: 0, description: 'approval only; 0 when left out.'}
        max: {type: integer, minimum: 1, description: 'approval only, required: the most choices a ballot approves, which is also the number of seats.'}
    NewElection:
      type: object
      required: [title, questions, opens, closes]
      properties:
        title: {type: string, maxLength: 200}
        questions: {type: array, minItems: 1, maxItems: 50, items: {$ref: '#/components/schemas/Question'}}
        opens: {type: string, format: date-time}
        closes: {type: string, format: date-time}
        cutoff: {type: string, format: date-time, description: 'Members active at this instant are eligible; left out, when credentials are issued.'}
        quorumPercent: {type: integer, minimum: 0, maximum: 100, description: '0 or left out for no quorum.'}
        secret: {type: boolean, description: 'true for a secret election (coop-voting-2): answers encrypted in the voter''s client, counted by tellers.'}
    ElectionChanges:
      type: object
      description: 'Fields left out stay; questions replaces every question; cutoff null removes the cut-off; quorumPercent 0 or null removes the quorum.'
      properties:
        title: {type: string, maxLength: 200}
        questions: {type: array, minItems: 1, maxItems: 50, items: {$ref: '#/components/schemas/Question'}}
        opens: {type: string, format: date-time}
        closes: {type: string, format: date-time}
        cutoff: {type: [string, 'null'], format: date-time}
        quorumPercent: {type: [integer, 'null'], minimum: 0, maximum: 100}
    Election:
      type: object
      required: [id, title, questions, opens, closes, status, salt, revokedCount, ballotCount, createdAt, secret, tellers]
      properties:
        id: {type: string, example: E-0001}
        title: {type: string}
        questions: {type: array, items: {$ref: '#/components/schemas/Question'}}
        opens: {type: string, format: date-time}
        closes: {type: string, format: date-time}
        cutoff: {type: string, format: date-time, description: 'Absent on a draft that freezes eligibility when credentials are issued.'}
        quorumPercent: {type: integer, minimum: 1, maximum: 100, description: Absent when there is no quorum.}
        status: {$ref: '#/components/schemas/ElectionStatus'}
        salt: {type: string, description: Hex salt of the credential derivation.}
        electionHash: {type: string, description: 'SHA-256 of the setup event''s payload, what every ballot signs; from credential issue on.'}
        eligibleCount: {type: integer, description: Credentials issued (members eligible at the cut-off).}
        revokedCount: {type: integer, description: Credentials revoked and replaced.}
        ballotCount: {type: integer, description: Ballot events on the board, replaced ones included.}
        createdAt: {type: string, format: date-time}
        credentialsIssuedAt: {type: string, format: date-time}
        openedAt: {type: string, format: date-time}
        closedAt: {type: string, format: date-time}
        talliedAt: {type: string, format: date-time}
        secret:
          type: boolean
          description: A secret election (coop-voting-2, docs/VOTING.md §12), its answers encrypted under its tellers' key.
        tellers:
          type: array
          description: A secret election's tellers' public key shares with their proofs, in index order; empty otherwise.
          items:
            type: object
            required: [key, proof]
            properties:
              key: {type: string, description: 'The share, a compressed P-256 point (66 hex digits).'}
              proof:
                type: object
                required: [c, s]
                properties: {c: {type: string}, s: {type: string}}
        booth:
          type: string
          description: 'A secret election, from credential issue on: the SHA-256 of the web booth''s scripts (/static/p256.js then /static/booth.js, as served) it was offered with, as in its setup. Absent otherwise.'
    ElectionList:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Election'}}
        next: {type: [string, 'null']}
    Ballot:
      type: object
      description: 'Canonical JSON (keys sorted, no whitespace, integers only); signature = hex Ed25519 signature of the canonical JSON of the other four fields, by the key derived from the voter''s code. At most 64 KiB.'
      required: [answers, credential, election, electionHash, signature]
      additionalProperties: false
      properties:
        answers:
          type: array
          description: 'coop-voting-1: one array per question of 0-based choice indexes (one for single, min…max for approval, a preference order for ranked). coop-voting-2 (a secret election): one EncryptedAnswer per question.'
          items:
            oneOf:
              - {type: array, items: {type: integer, minimum: 0}}
              - {$ref: '#/components/schemas/EncryptedAnswer'}
        credential: {type: string, pattern: '^[0-9a-f]{64}$', description: The credential's Ed25519 public key.}
        election: {type: string, example: E-0001}
        electionHash: {type: string, pattern: '^[0-9a-f]{64}$'}
        signature: {type: string, pattern: '^[0-9a-f]{128}$'}
    Point: {type: string, pattern: '^(0[23][0-9a-f]{64}|00)$', description: 'A P-256 point, SEC1 compressed; 00 (the identity) only in a tally or a factor.'}
    ProofBranch:
      type: object
      required: [c, s]
      additionalProperties: false
      properties:
        c: {type: string, pattern: '^[0-9a-f]{64}$'}
        s: {type: string, pattern: '^[0-9a-f]{64}$'}
    EncryptedAnswer:
      type: object
      description: 'One ciphertext per slot with its 0-or-1 proof, and the proof that their sum is in range (docs/VOTING.md §12).'
      required: [choices, proofs, sum]
      additionalProperties: false
      properties:
        choices:
          type: array
          items: {type: object, required: [alpha, beta], properties: {alpha: {$ref: '#/components/schemas/Point'}, beta: {$ref: '#/components/schemas/Point'}}}
        proofs: {type: array, items: {type: array, minItems: 2, maxItems: 2, items: {$ref: '#/components/schemas/ProofBranch'}}}
        sum: {type: array, items: {$ref: '#/components/schemas/ProofBranch'}}
    TellerPublicKey:
      type: object
      required: [election, protocol, share, proof]
      properties:
        election: {type: string, example: E-0001}
        protocol: {type: string, enum: [coop-voting-2]}
        share: {$ref: '#/components/schemas/Point'}
        proof: {$ref: '#/components/schemas/ProofBranch'}
    TellerList:
      type: array
      items:
        type: object
        required: [key, proof]
        properties:
          key: {$ref: '#/components/schemas/Point'}
          proof: {$ref: '#/components/schemas/ProofBranch'}
    Decryption:
      type: object
      required: [teller, factors]
      additionalProperties: false
      properties:
        teller: {type: integer, minimum: 1, description: The teller's index (registration order).}
        factors:
          type: array
          description: Per question, per slot of the tally.
          items:
            type: array
            items: {type: object, required: [factor, proof], properties: {factor: {$ref: '#/components/schemas/Point'}, proof: {$ref: '#/components/schemas/ProofBranch'}}}
    DecryptionReceipt:
      type: object
      required: [election, teller, seq, remaining]
      properties:
        election: {type: string}
        teller: {type: integer}
        seq: {type: integer, description: The decryption's event on the board.}
        remaining: {type: array, items: {type: integer}, description: The tellers still to decrypt; empty once the result is published.}
        result: {$ref: '#/components/schemas/ElectionResult'}
    CastReceipt:
      type: object
      required: [election, tracker, seq]
      properties:
        election: {type: string}
        tracker: {type: string, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the canonical signed ballot: find it on the board (coopctl vote check).'}
        seq: {type: integer, description: The ballot's event on the board.}
    BoardEvent:
      type: object
      description: 'hash = hex SHA-256 of the canonical JSON of {payload, prev, seq, type}; prev = the previous event''s hash, 64 zeros for seq 1.'
      required: [hash, payload, prev, seq, type]
      additionalProperties: false
      properties:
        hash: {type: string, pattern: '^[0-9a-f]{64}$'}
        payload: {type: object, description: 'setup: the election definition; credentials: {count, credentials, sha256}; open and close: {at}; ballot: the signed ballot, or {tracker} while voting is open; revoke: {credential, replacement}; tally (secret elections): {ballots, ciphertexts}; decryption: {teller, factors}; result: the result.'}
        prev: {type: string, pattern: '^[0-9a-f]{64}$'}
        seq: {type: integer, minimum: 1}
        type: {type: string, enum: [setup, credentials, open, ballot, revoke, close, tally, decryption, result]}
    Board:
      type: object
      required: [events]
      additionalProperties: false
      properties:
        events: {type: array, items: {$ref: '#/components/schemas/BoardEvent'}}
    RunoffRound:
      type: object
      required: [counts, exhausted]
      properties:
        counts: {type: array, items: {type: integer}}
        exhausted: {type: integer}
        eliminated: {type: integer, description: The choice eliminated after this round; absent in the last.}
        tieBreak: {type: string, enum: [firstPreferences, listOrder]}
    QuestionResult:
      type: object
      required: [kind, counts]
      properties:
        kind: {type: string, enum: [single, approval, ranked]}
        counts: {type: array, items: {type: integer}, description: 'Per choice: votes, approvals or first preferences.'}
        threshold: {type: string, enum: [majority, two-thirds, plurality]}
        abstentions: {type: integer}
        expressed: {type: integer}
        required: {type: integer, description: The fewest votes that win (majority, two-thirds).}
        winner: {type: integer}
        adopted: {type: boolean, description: True when the first choice wins.}
        seats: {type: integer}
        winners: {type: array, items: {type: integer}}
        tied: {type: array, items: {type: integer}}
        rounds: {type: array, items: {$ref: '#/components/schemas/RunoffRound'}}
        rankingCounts: {type: array, items: {type: integer}, description: 'ranked, secret elections: ballots per possible ranking, in the order of docs/VOTING.md §12.'}
    ElectionResult:
      type: object
      required: [election, electionHash, eligible, voted, ballotEvents, quorumMet, questions]
      properties:
        election: {type: string}
        electionHash: {type: string}
        eligible: {type: integer}
        voted: {type: integer, description: 'Credentials whose last ballot is counted; turnout = voted / eligible.'}
        ballotEvents: {type: integer}
        quorumPercent: {type: integer}
        quorumRequired: {type: integer}
        quorumMet: {type: boolean, description: 'When false nothing is decided: no winner, adopted false, winners empty.'}
        questions: {type: array, items: {$ref: '#/components/schemas/QuestionResult'}}
"""# + "\n"
    )
}
