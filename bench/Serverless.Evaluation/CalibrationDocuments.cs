namespace Serverless.Evaluation;

/// <summary>
/// A calibration set for the classifier's temperature: 24 short documents (four per class) written by hand in
/// styles neither the generated corpus nor <see cref="HeldOutDocuments"/> use (chat messages, scanned-looking
/// fragments, formal notices, other trades). Used only by <c>--tune</c> to fit the temperature on wording the
/// development corpus does not have (its templates are the evaluation corpus's, so it calibrates overconfidently);
/// never reported on, never used to choose a weight.
/// </summary>
public static class CalibrationDocuments
{
    public static IReadOnlyList<(string Label, string Text)> All { get; } =
    [
        ("invoice", """
            Harbourside Marine Services
            Job 4471 - MV Petrel - haul out, antifoul, anode replacement
            Crane lift and pressure wash 320.00
            Antifouling, 2 coats, 9 m hull 610.00
            Zinc anodes x3 fitted 96.00
            Net 1,026.00  Tax 205.20  Due 1,231.20
            Settlement within 30 days of this notice please, quoting job 4471.
            """),
        ("invoice", """
            For services rendered in October: translation of the tender documents (14,200 words at 0.09),
            proofreading (6 hours at 38.00). Total 1,506.00. Kindly remit to the account below by the end of
            next month. No VAT charged: supplier not registered.
            """),
        ("invoice", """
            DEBIT NOTE 0093
            Your order PO-7731 was short-shipped and re-sent by express at your request.
            Express freight 84.00
            Handling 12.00
            Amount charged to your account: 96.00, payable with your next statement.
            """),
        ("invoice", """
            Tuition fees - spring term
            Pupil: Ada Mensah, Year 4
            Term fee 2,950.00
            Lunches (58 days) 232.00
            Music lessons 180.00
            Less sibling discount -147.50
            Balance due by 10 January: 3,214.50
            """),

        ("receipt", """
            Thanks! Your donation of 25.00 to the Riverside Food Bank was received on 3 May.
            Card ending 4421. This acknowledgement can be kept for your tax records.
            """),
        ("receipt", """
            PARKING - LEVEL 2
            ENTRY 08:14  EXIT 17:02
            DURATION 8H48
            PAID 14.00 CONTACTLESS
            THANK YOU  RETAIN TICKET
            """),
        ("receipt", """
            Payment confirmation
            We have received 1,231.20 against job 4471 (MV Petrel). The job is marked paid in full.
            Transaction reference HM-55102, received 2 December by bank transfer.
            """),
        ("receipt", """
            Pharmacy - prescription collected
            Item: amoxicillin 500 mg x 21
            Charge paid: 9.90
            Paid by cash, change given 0.10
            Served 11:40 by counter 2
            """),

        ("contract", """
            The Landlord lets and the Tenant takes the garage at 7 Mill Yard for a term of one year from 1 March.
            Rent is 95.00 per month payable in advance. The Tenant shall use the garage for storage only and
            shall not sublet. Either party may end this tenancy on one month's written notice.
            Signed by both parties on the date above.
            """),
        ("contract", """
            MEMORANDUM OF AGREEMENT
            Between Northgate Youth Football Club ("the Club") and Dale Printing ("the Sponsor").
            1. The Sponsor will pay 1,500.00 for the 2027 season.
            2. The Club will display the Sponsor's logo on the first-team shirts.
            3. This memorandum is governed by the laws of England and Wales.
            """),
        ("contract", """
            Terms of engagement: we will prepare your annual accounts and tax return for the year ending 5 April.
            Our fee is fixed at 850.00 plus VAT. You agree to supply complete records by 31 July. We are liable
            only for losses caused by our negligence, capped at ten times the fee. These terms continue each year
            until either of us ends them in writing.
            """),
        ("contract", """
            Service level schedule
            The Supplier shall restore the hosted service within 4 hours of a priority-1 incident.
            Availability target: 99.5% per calendar month. Where missed, the Customer is entitled to a service
            credit of 5% of the monthly charge per 0.5% shortfall. This schedule forms part of the Agreement.
            """),

        ("letter", """
            Dear neighbours,
            We are planning a small garden party on Saturday 14 June from 3 pm and wanted to let you know in
            advance. There will be some music until about 9 pm. Please do knock if anything bothers you, and you
            are very welcome to drop in.
            Best wishes, Priya and Tom (no. 12)
            """),
        ("letter", """
            To whom it may concern,
            I have known Mr. Daniel Osei for six years as his line manager at Brightwater Logistics. He is
            reliable, careful with detail and well liked by colleagues. I recommend him without reservation for
            the position of warehouse supervisor.
            Yours faithfully, Helen Marsh, Operations Manager
            """),
        ("letter", """
            Dear Customer,
            From 1 April our opening hours will change: we will open at 8 am instead of 9 am on weekdays and close
            at 4 pm on Saturdays. Our phone line and address stay the same. Thank you for your continued custom.
            Kind regards, the team at Hollis Hardware
            """),
        ("letter", """
            Dear Ms. Grant,
            Thank you for your application for the role of junior accountant. We were impressed by your experience
            but have decided to proceed with other candidates on this occasion. We will keep your details on file
            and wish you every success.
            Sincerely, Recruitment Team
            """),

        ("report", """
            Quarterly safety summary - depot 3
            Incidents: 2 minor (slips, no lost time), 0 reportable. Near misses logged: 11, up from 6.
            Most near misses involved reversing vehicles in the yard. Recommendation: mark pedestrian walkways
            and add a banksman at peak times. Training completion 92%.
            """),
        ("report", """
            Findings of the stock count held on 30 June: 1,214 lines counted, 37 with differences. Net shortfall
            valued at 2,310.00, mainly in small fittings. The differences trace to unrecorded returns.
            We recommend that returns are booked at the counter before goods go back to the shelves.
            """),
        ("report", """
            Customer survey results, autumn
            Responses: 412 (response rate 18%). Satisfaction 4.1 / 5, down from 4.3.
            Main complaints: delivery times and the phone queue. Praise: staff knowledge.
            Next steps proposed: extra phone staff on Mondays; review the courier contract.
            """),
        ("report", """
            Site visit notes - roof survey, 22 Quay Street
            Condition: slipped slates on the north slope, blocked gutter at the rear, flashing cracked around
            the chimney. No signs of water inside. Estimated remaining life of the covering 10-15 years.
            Advice: repair within 6 months to avoid damp.
            """),

        ("form", """
            CHANGE OF ADDRESS
            Account number: ____________
            Full name: ____________
            Old address: ____________
            New address: ____________
            Date of move: __ / __ / ____
            Signature: ____________  Return this form to Customer Records.
            """),
        ("form", """
            Volunteer sign-up
            Name:
            Phone:
            Which days can you help? [ ] Mon [ ] Wed [ ] Sat
            Do you hold a driving licence? Yes / No
            Emergency contact name and number:
            Please hand this sheet to the front desk.
            """),
        ("form", """
            Refund request
            Order number: ______  Date of purchase: ______
            Item(s) to refund: ______________________
            Reason: [ ] faulty [ ] wrong size [ ] no longer needed
            Refund to: [ ] original card [ ] store credit
            Customer signature: ______  For office use: approved by ______
            """),
        ("form", """
            Equipment loan request
            Employee ID: ________  Department: ________
            Item requested (laptop / headset / monitor): ________
            Loan from ________ to ________
            Manager approval (name and signature): ________
            I agree to return the equipment in good condition. Signed: ________
            """),
    ];
}
