namespace Serverless.Evaluation;

/// <summary>
/// A held-out check that shares nothing with <see cref="EvaluationCorpus"/>'s templates: 24 short documents
/// (four per class) written by hand in other styles (e-mail bodies, terse slips, another country's
/// conventions, look-alikes in the vocabulary of another class), written before any figure was measured
/// and never used to choose a weight. Plain text, classified through the same inference app.
/// </summary>
public static class HeldOutDocuments
{
    public static IReadOnlyList<(string Label, string Text)> All { get; } =
    [
        ("invoice", """
            Rechnung / Bill 88-0412
            To: Mrs. A. Kowalczyk, Flat 3, 19 Linden Walk
            For: chimney sweep and smoke test, 14 March
            Labour 2 h @ 45.00 = 90.00
            Materials 12.50
            VAT 20% 20.50
            Please pay 123.00 by 13 April to sort code 20-45-77, account 40918273, reference 88-0412.
            """),
        ("invoice", """
            Hi Tom, as agreed here is what we charge for the May newsletter design work:
            layout of 12 pages, 3 rounds of edits, stock photos (4). Subtotal 1,180.00, GST 118.00,
            amount owing 1,298.00. Terms: 14 days net. Our bank details are at the foot of this page.
            Statement ref CX-2291. Late payments attract interest at 2% per month.
            """),
        ("invoice", """
            STATEMENT OF CHARGES - ACCOUNT 5530017
            Period 01/06 - 30/06
            Water supply 31 m3 ........ 58.90
            Wastewater ................. 41.20
            Standing charge ............ 9.00
            Balance to pay ............ 109.10
            Direct debit will NOT be taken; pay online or at any post office before 21/07.
            """),
        ("invoice", """
            Pro-forma no. 17, issued on behalf of Ferreira Tiles Lda.
            Supply of 140 m2 porcelain tile, grey matt, at 18.40 per m2: 2,576.00
            Delivery to site: 150.00
            Total payable before dispatch: 2,726.00 (IVA included)
            Payment by transfer to IBAN PT50 0002 0123 1234 5678 9015 4.
            """),

        ("receipt", """
            CORNER MART #112
            2x oat milk 3.58
            bread sourdough 4.20
            bananas 1.12
            SUBTOTAL 8.90
            CASH 10.00  CHANGE 1.10
            14/02 18:22  till 3  served by Jo
            Keep this slip for returns within 28 days
            """),
        ("receipt", """
            We confirm that we have received your payment of 640.00 on 2 October for bill 88-0412 (chimney works).
            Method: bank transfer. Your account is now clear and nothing further is due.
            Thank you for settling promptly.
            """),
        ("receipt", """
            Parking - Central Station multi-storey
            Entry 08:14  Exit 17:51
            Duration 9h37
            Amount charged 22.50 to Visa ****4410, approved, auth code 081734
            Customer copy
            """),
        ("receipt", """
            Acknowledgement of deposit
            Received from Mr. Daniel Osei the sum of 500.00 (five hundred) in cash as a refundable deposit
            for the hire of the village hall on 30 August. Signed for the hall committee, treasurer.
            """),

        ("contract", """
            This tenancy is made between Mrs. R. Alvarez (landlord) and Mr. K. Obi (tenant).
            The tenant will rent the ground-floor flat at 4 Heron Close for six months from 1 September,
            paying 850.00 each calendar month in advance. The tenant shall keep the property in good order and
            shall not sublet. Either side may end this tenancy with two months' written notice.
            Signed by both parties on the date below.
            """),
        ("contract", """
            Terms of engagement
            1. The consultant will deliver a market study within eight weeks of signature.
            2. The client will pay a fixed fee of 9,000.00 in two instalments; invoices are payable within 30 days.
            3. Each party keeps the other's information confidential for three years.
            4. This engagement is governed by the laws of Ireland.
            Accepted for the client: ________   Accepted for the consultant: ________
            """),
        ("contract", """
            Non-disclosure undertaking
            The recipient agrees not to disclose any technical drawings received from the discloser, to use them
            only to evaluate a possible joint bid, and to return or destroy them on request. This undertaking
            binds the recipient for five years and survives the end of any discussions between the parties.
            """),
        ("contract", """
            Service level agreement between the IT department and the finance team.
            The IT department undertakes to restore the ledger system within 4 hours of an outage during working hours.
            Finance will report incidents through the service desk only. Credits of 5% of the monthly charge apply
            for every missed target. This agreement runs for one year and renews unless either side objects.
            """),

        ("letter", """
            Dear neighbours,
            As many of you know, the oak at the end of our lane was damaged in last week's storm. The council has
            agreed to inspect it on Friday, so please keep your cars off the verge that morning.
            With thanks and best wishes,
            Margaret (no. 7)
            """),
        ("letter", """
            Dear Sir or Madam,
            I write about the bill I received for the month of May, reference 5530017. The meter reading it shows
            is far higher than the reading I took myself, and I believe I have been charged in error.
            I would be grateful if you could check the reading and send me a corrected statement.
            Yours faithfully,
            P. Lindqvist
            """),
        ("letter", """
            Hello Ms Baptiste,
            Following our interview on Tuesday, I am pleased to offer you the post of library assistant,
            starting on 3 March. Your contract will follow by post. Please let me know by Friday whether you accept.
            Warm regards,
            Head Librarian
            """),
        ("letter", """
            To the editor,
            I was disappointed to read in last Saturday's edition that the swimming pool will close for a year.
            Families in this town have few other places to go, and I hope the council will reconsider.
            Sincerely, a regular swimmer
            """),

        ("report", """
            Incident review - server room cooling failure, 12 July
            What happened: the primary chiller stopped at 02:10; the backup unit failed to start.
            Impact: temperatures reached 38 C and two storage arrays shut down; services were down for 3 h 20 min.
            Root cause: the backup unit's start relay had corroded.
            Actions: replace relays on both units; add a monthly failover test.
            """),
        ("report", """
            Accounts payable analysis, Q3
            We examined 1,240 supplier bills paid in the quarter. 96% were paid within terms; 31 were paid twice,
            totalling 18,400.00, which has been recovered. The average approval time fell from 9 to 6 days.
            We recommend automatic duplicate checks before payment runs.
            """),
        ("report", """
            Customer survey results
            512 customers answered (response rate 23%). Satisfaction averaged 4.1 out of 5, up from 3.8.
            Delivery times were the most common complaint (41% of comments). Conclusion: the new courier
            has improved satisfaction, but evening deliveries remain a gap.
            """),
        ("report", """
            Site inspection notes - 22 Harbour Road
            Roof: 6 slipped slates, gutters blocked. Walls: damp at low level on the north side.
            Electrics: consumer unit out of date. Overall condition: fair. Estimated repairs within 12 months: 7,500.
            """),

        ("form", """
            CHANGE OF ADDRESS
            Full name: ______________________
            Old address: ______________________
            New address: ______________________
            Date of move: __ / __ / ____
            Tick if this also applies to your partner: [ ]
            Signature: ____________
            """),
        ("form", """
            Expense claim
            Employee: ____________  Department: ____________
            Date | Description | Amount
            ____ | ____________ | ______
            Receipts attached? Yes [ ] No [ ]
            Approved by manager: ____________
            """),
        ("form", """
            Supplier registration - please fill in every section
            Company name: Veldt Packaging BV
            VAT number: NL8547.12.345.B01
            Contact for invoices: accounts@veldt.example
            Payment terms requested: [x] 30 days [ ] 60 days
            Bank account: ______________________
            Authorised signature: ______________________
            """),
        ("form", """
            Consent for school trip
            I give permission for my child ________________ (class ____) to attend the museum visit on 9 May.
            Medical conditions or allergies: ________________
            Emergency contact number: ________________
            Parent/guardian signature: ____________  Date: ________
            """),
    ];
}
